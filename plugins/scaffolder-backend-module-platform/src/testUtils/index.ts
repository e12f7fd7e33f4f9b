/**
 * Test helpers: render Catalyst's golden-path templates with the real scaffolder actions.
 *
 * @packageDocumentation
 */

export {
  goldenPathTemplateDir,
  runInProject,
  runTemplateSteps,
} from './runTemplate';
