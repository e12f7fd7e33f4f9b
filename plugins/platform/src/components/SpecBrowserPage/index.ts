export { SpecBrowserPage } from './SpecBrowserPage';
