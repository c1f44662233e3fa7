// Points the Twilio SDK at another API host (a local fake in tests and benchmarks). The SDK's
// `edge`/`region` options only change the twilio.com host name, so the request URI is
// rewritten in an httpClient subclass instead.
import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient';

const TWILIO_API_HOST = /^https:\/\/api(\.[a-z0-9-]+)*\.twilio\.com/;

export class RedirectingRequestClient extends twilio.RequestClient {
  private readonly baseUrl: string;

  constructor(baseUrl: string) {
    super({ timeout: 10_000 });
    this.baseUrl = baseUrl.replace(/\/+$/, '');
  }

  override request<TData>(opts: RequestClient.RequestOptions<TData>) {
    return super.request<TData>({ ...opts, uri: opts.uri.replace(TWILIO_API_HOST, this.baseUrl) });
  }
}
