// The HTTP API's bodies as TypeScript types, inferred from the route definitions that also
// produce the OpenAPI document: one source, so the server and its clients cannot drift apart.
// The designer imports this file with `import type` only — types are erased when it is bundled,
// so no server code reaches the browser (test/e2e/bundle.test.ts checks the bundle; ESLint lets
// the designer import nothing but types from outside engine/src/flow).
import type { RouteConfig, z } from '@hono/zod-openapi';
import type * as account from './routes/account';
import type * as analytics from './routes/analytics';
import type * as auth from './routes/auth';
import type * as calls from './routes/calls';
import type * as flows from './routes/flows';
import type * as inbox from './routes/inbox';
import type * as members from './routes/members';
import type * as notifications from './routes/notifications';
import type * as numbers from './routes/numbers';
import type * as receipts from './routes/receipts';
import type * as simulate from './routes/simulate';
import type * as targets from './routes/targets';
import type * as testCalls from './routes/test-calls';
import type * as validate from './routes/validate';
import type * as versions from './routes/versions';
import type * as voices from './routes/voices';
import type * as schemas from './schemas';

type JsonSchemaOf<T> = T extends { content: { 'application/json': { schema: infer S extends z.ZodType } } }
  ? S
  : never;

/** What a route answers with under `status` (the JSON body, as the server writes it). */
export type Reply<R extends RouteConfig, S extends keyof R['responses'] = 200> = z.output<
  JsonSchemaOf<R['responses'][S]>
>;

/** What a route takes as its JSON body (as the client writes it). */
export type RequestBody<R extends RouteConfig> = z.input<
  JsonSchemaOf<R['request'] extends { body: infer B } ? B : never>
>;

export type ApiError = z.output<typeof schemas.ErrorBody>;

export type Me = Reply<typeof auth.me>;
export type LoginRequest = RequestBody<typeof auth.login>;

export type FlowSummary = z.output<typeof schemas.FlowSummary>;
export type FlowList = Reply<typeof flows.list>;
export type CreateFlowRequest = RequestBody<typeof flows.create>;
export type CreatedFlow = Reply<typeof flows.create, 201>;
export type Draft = Reply<typeof flows.getDraft>;
export type Validation = Reply<typeof validate.validate>;

export type VersionSummary = z.output<typeof schemas.VersionSummary>;
export type VersionList = Reply<typeof versions.list>;
export type Version = Reply<typeof versions.get>;
/** Publishing answers 201 with a new version, or 200 when the latest already has this content. */
export type Published = Reply<typeof versions.publish, 201>;
export type RolledBack = Reply<typeof versions.rollback, 201>;
export type VersionDiff = Reply<typeof versions.diff>;

export type NumberBinding = z.output<typeof schemas.NumberBinding>;
export type NumberList = Reply<typeof numbers.list>;
export type BindNumberRequest = RequestBody<typeof numbers.bind>;
export type HandoffTarget = z.output<typeof schemas.HandoffTarget>;
export type HandoffTargetList = Reply<typeof targets.list>;

/** A call note in the inbox (Posteingang), decrypted by the server for this request only. */
export type CallNote = z.output<typeof calls.CallNote>;
export type CallNoteList = Reply<typeof calls.list>;
export type MarkedDone = Reply<typeof calls.done>;
export type DeletedNote = Reply<typeof calls.remove>;
export type Reopened = Reply<typeof calls.reopen>;
/** Search by number: the number travels in the body (never in a URL). */
export type InboxSearch = RequestBody<typeof inbox.search>;
export type InboxSearchResult = Reply<typeof inbox.search>;

export type DeletionReceipt = z.output<typeof receipts.Receipt>;
export type ReceiptList = Reply<typeof receipts.list>;
export type ChainVerdict = Reply<typeof receipts.verify>;

export type SimulateRequest = RequestBody<typeof simulate.simulate>;
/** One caller turn of the conversation-test format (what /simulate replays). */
export type CallerTurn = SimulateRequest['turns'][number];
export type SimulateResult = Reply<typeof simulate.simulate>;
export type VoiceList = z.output<typeof voices.VoiceList>;
export type VoiceOption = VoiceList['voices'][number];
export type VoiceTestAvailability = z.output<typeof testCalls.VoiceTestAvailability>;
export type TestCallRequest = RequestBody<typeof testCalls.ticket>;
export type TestCallTicket = Reply<typeof testCalls.ticket, 201>;

/** Flow analytics: aggregates only; a day under 5 calls comes back suppressed. */
export type FlowAnalytics = Reply<typeof analytics.analytics>;
export type AnalyticsReport = z.output<typeof analytics.Report>;
export type AnalyticsDay = z.output<typeof analytics.DayReport>;
export type AnalyticsNode = z.output<typeof analytics.NodeReport>;
/** phone = real callers only (the server's default); test = Probeanrufe; all = both. */
export type AnalyticsSource = z.output<typeof analytics.Source>;
export type AnalyticsVersion = NonNullable<FlowAnalytics['version']>;

/** The team (owner): members with roles, invitations (url null: sent by e-mail), reset links. */
export type Member = z.output<typeof members.Member>;
export type MemberList = Reply<typeof members.listMembers>;
export type InvitedMember = Reply<typeof members.inviteMember, 201>;
export type IssuedResetLink = Reply<typeof members.memberPasswordReset, 201>;
export type TwoFactorRequirement = Reply<typeof members.requireTwoFactor>;

/** Your own account: the organisation switch answers a new Me; two-factor enrolment. */
export type TwoFactorEnrolment = Reply<typeof account.startTwoFactor, 201>;
export type RecoveryCodes = Reply<typeof account.confirmTwoFactor>;

/** Your e-mail notifications for one flow's new call notes. */
export type NotificationChoice = Reply<typeof notifications.getNotifications>;
