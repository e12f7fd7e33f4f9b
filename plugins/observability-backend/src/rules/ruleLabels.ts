/** Label naming the entity on every alert Catalyst renders. */
export const ENTITY_REF_LABEL = 'catalyst_entity_ref';
/** Label naming the stored rule an alert came from. */
export const RULE_ID_LABEL = 'catalyst_rule_id';
/** Label naming the golden signal an alert watches. */
export const SIGNAL_LABEL = 'catalyst_signal';
