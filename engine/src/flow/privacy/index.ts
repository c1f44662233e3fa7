export { buildProcessingRecord } from './record';
export { renderProcessingRecordMarkdown } from './markdown';
export { categoryWords, retentionLong, retentionShort } from './setting-words';
export type { VendorSettings } from './stages';
export type { ProcessingRecord, RecordField, Stage, StageId } from './types';
export { VOLATILE_INBOX, VOLATILE_INBOX_HOURS } from './volatile-inbox';
