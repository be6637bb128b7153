import type Database from 'better-sqlite3';
import type { DocumentType } from '../../shared/searchDomain';
import { cachedStatement } from './statementCache';

/**
 * The kinds of document in the archive (documents.key: `privacy-policy`,
 * `terms-of-service`…), for the document-type filter: each with the title
 * most of its documents carry (ties: alphabetically first) and how many
 * documents have it. Most common first, then by key.
 */
export function listDocumentTypes(db: Database.Database): DocumentType[] {
  return cachedStatement(
    db,
    `WITH titles AS (SELECT key, title, count(*) AS n FROM documents GROUP BY key, title),
     ranked AS (
       SELECT key, title,
              row_number() OVER (PARTITION BY key ORDER BY n DESC, title) AS place,
              sum(n) OVER (PARTITION BY key) AS documentCount
       FROM titles)
     SELECT key, title, documentCount FROM ranked WHERE place = 1
     ORDER BY documentCount DESC, key`,
  ).all() as DocumentType[];
}
