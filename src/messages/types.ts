// The shape of the catalogues, from the English one: a key with plural forms is written once
// without its _one/_other suffix when a message is asked for.
import type { en } from './en.ts';

export type Catalogue = typeof en;
type CatalogueKey = keyof Catalogue;
type PluralSuffix = 'zero' | 'one' | 'two' | 'few' | 'many' | 'other';

/** A message's key as code names it: `run.jobs`, not `run.jobs_other`. */
export type MessageKey = CatalogueKey extends infer K ? K extends `${infer Base}_${PluralSuffix}` ? Base : K : never;

/** Vietnamese has one plural form: the catalogue has every English key but the _one forms. */
export type ViCatalogue = { [K in Exclude<CatalogueKey, `${string}_one`>]: string };

/** Values put into a message's {{placeholders}}; `count` also picks the plural form. */
export type MessageVars = Record<string, string | number>;

/** A part's Vietnamese: the keys of its English part but the _one forms. */
export type ViPart<T> = { [K in Exclude<keyof T & string, `${string}_one`>]: string };
