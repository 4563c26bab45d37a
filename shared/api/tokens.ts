/**
 * What a bearer token begins with, per kind: a person who finds one in a mail, or types one, can
 * tell what it is for. The server makes tokens with these prefixes; the unit page names the unit's
 * ("dhu_") so a clerk does not type the unit code (GD-001) in its place.
 */
export const TOKEN_PREFIXES = { admin: 'dha_', unit: 'dhu_' } as const;
