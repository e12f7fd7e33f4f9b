/** Route prefix of everything about one entity. */
export const ENTITY_PATH = '/entities/:kind/:namespace/:name';
