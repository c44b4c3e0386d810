-- Slugs are never all digits: a document in a URL or a `doc` parameter is its id when all
-- digits, else its slug (issue #11: `DELETE /api/documents/3` deleted the document whose id is
-- 3, not the one whose slug was `3`). Slugs stored before that rule get the prefix `slugify`
-- now gives them (`3` → `doc-3`), so that they can still be named, and a corpora folder `3`
-- imported again finds its document. A slug whose new form is taken already is left as it is
-- (that document stays reachable by its id).
UPDATE `documents` SET `slug` = 'doc-' || `slug`
WHERE `slug` <> '' AND `slug` NOT GLOB '*[^0-9]*'
  AND NOT EXISTS (SELECT 1 FROM `documents` AS `other` WHERE `other`.`slug` = 'doc-' || `documents`.`slug`);
