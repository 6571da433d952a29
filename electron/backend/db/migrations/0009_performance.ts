/**
 * Performance (issue 13), from the benchmark on a busy unit's ten years (`npm run bench`):
 * `hsds_attribute(link_id, taxonomy_term_id)`. Every directory result asks "walk-ins?" of its service's
 * attributes; through the index on the term alone that read every walk-in attribute of the directory (half a
 * millisecond per result on 2,000 services, a quarter of a directory search).
 */
export const sql = `
CREATE INDEX hsds_attribute_link_term ON hsds_attribute(link_id, taxonomy_term_id);
`;
