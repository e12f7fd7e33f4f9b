export { SpecStatusChips } from './SpecStatusChips';
