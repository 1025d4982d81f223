import { ReadCache } from './read-cache.ts';

/**
 * Users' organisation memberships (null: none), so the per-request rate-limit and quota checks need no query. Any
 * change of a membership or an organisation invalidates it all: an organisation's tier or state is in every member's.
 */
export class MembershipCache<Membership> extends ReadCache<number, Membership | null> {}
