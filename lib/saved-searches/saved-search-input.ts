// A saved search as a form sends it, parsed once at the boundary.
import { z } from "zod";
import { isStorableText } from "@/lib/format/storable-text";
import { isWithinUserTimestampBounds } from "@/lib/format/user-timestamp";
import { RANGE_PRESETS } from "@/lib/explore/explore-url";
import { MAX_QUERY_LENGTH } from "@/lib/query/parse-query";

/** A range's end as the form sends it: ISO 8601, 1970 to 9999 (a year 0 is a 500 from PostgreSQL). */
const boundedTime = z.iso
  .datetime()
  .refine((iso) => isWithinUserTimestampBounds(new Date(iso)), "A range's start and end must be between 1970-01-01 and 9999-12-31.");

/** Saved searches one user may own. */
export const MAX_SAVED_SEARCHES_PER_USER = 200;


export const ZSaveSearchInputSchema = z
  .object({
    name: z.string().trim().min(1, "Give the search a name.").max(100, "The name is at most 100 characters.").refine(isStorableText, "The name has a character that cannot be stored."),
    query: z.string().max(MAX_QUERY_LENGTH, `The query is at most ${MAX_QUERY_LENGTH} characters.`).refine(isStorableText, "The query has a character that cannot be stored."),
    range: z.enum(RANGE_PRESETS).optional(),
    from: boundedTime.optional(),
    to: boundedTime.optional(),
    projectId: z.string().min(1).max(200).refine(isStorableText).optional(),
    shared: z.boolean(),
  })
  .refine((v) => (v.from === undefined) === (v.to === undefined) && (!v.from || Date.parse(v.from) < Date.parse(v.to!)), "An absolute range needs a start before its end.");

export type TSaveSearchInput = z.infer<typeof ZSaveSearchInputSchema>;

export const ZSavedSearchIdSchema = z.string().min(1).max(64).refine(isStorableText);
