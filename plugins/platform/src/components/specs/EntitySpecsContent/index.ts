export { EntitySpecsContent } from './EntitySpecsContent';
