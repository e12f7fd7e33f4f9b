export { SpecDocumentChips, SPEC_DOCUMENT_KINDS } from './SpecDocumentChips';
