// The step kinds, one line each: adding a kind is its file nodes/<kind>.ts and its line here.
// The order is the format's (the published schema lists the kinds so) and the palette's.
import { branch } from './branch';
import { callback } from './callback';
import { consent } from './consent';
import { end } from './end';
import { handoff } from './handoff';
import { hours } from './hours';
import { intake } from './intake';
import { say } from './say';

export const SPECS = { consent, say, intake, branch, callback, handoff, hours, end };
