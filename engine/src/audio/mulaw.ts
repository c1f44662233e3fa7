// G.711 μ-law, the only audio format on the main path (Twilio ⇄ Google ⇄ ElevenLabs at 8 kHz).
// We never transcode call audio; decoding exists for energy-based voice activity detection
// and encoding for generated test audio and silence.

/** μ-law byte of digital silence. */
export const MULAW_SILENCE = 0xff;

const BIAS = 0x84;
const CLIP = 32635;

function decodeByte(byte: number): number {
  const u = ~byte & 0xff;
  const exponent = (u >> 4) & 0x07;
  const magnitude = ((((u & 0x0f) << 3) + BIAS) << exponent) - BIAS;
  return u & 0x80 ? -magnitude : magnitude;
}

/** 16-bit linear PCM value of every μ-law byte. */
export const MULAW_DECODE_TABLE: Int16Array = (() => {
  const table = new Int16Array(256);
  for (let b = 0; b < 256; b++) table[b] = decodeByte(b);
  return table;
})();

export function mulawDecode(byte: number): number {
  return MULAW_DECODE_TABLE[byte & 0xff];
}

/** Encodes one 16-bit linear sample (clamped) to a μ-law byte. */
export function mulawEncode(sample: number): number {
  let s = Math.max(-32768, Math.min(32767, Math.round(sample)));
  const sign = s < 0 ? 0x80 : 0;
  if (sign) s = -s;
  if (s > CLIP) s = CLIP;
  s += BIAS;
  let exponent = 7;
  for (let mask = 0x4000; (s & mask) === 0 && exponent > 0; mask >>= 1) exponent--;
  const mantissa = (s >> (exponent + 3)) & 0x0f;
  return ~(sign | (exponent << 4) | mantissa) & 0xff;
}
