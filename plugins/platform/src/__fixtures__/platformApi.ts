import type { PlatformApi } from '../api';

/**
 * A PlatformApi whose every method is a jest mock that fails until a test
 * gives it an answer.
 */
export function mockPlatformApi(): jest.Mocked<PlatformApi> {
  const unanswered = (name: string) =>
    jest.fn(async (..._args: unknown[]) => {
      throw new Error(`PlatformApi.${name} was not expected in this test`);
    });
  return {
    listSpecs: unanswered('listSpecs'),
    getSpec: unanswered('getSpec'),
    getSpecFile: unanswered('getSpecFile'),
    refreshSpecs: unanswered('refreshSpecs'),
    getAgentContext: unanswered('getAgentContext'),
    generateAgentContext: unanswered('generateAgentContext'),
    checkAgentContext: unanswered('checkAgentContext'),
    refreshAgentContext: unanswered('refreshAgentContext'),
    getAgentTools: unanswered('getAgentTools'),
    listTasks: unanswered('listTasks'),
    getTask: unanswered('getTask'),
    listTaskBreakers: unanswered('listTaskBreakers'),
    getGithubBudget: unanswered('getGithubBudget'),
    retryTask: unanswered('retryTask'),
    cancelTask: unanswered('cancelTask'),
    approveTask: unanswered('approveTask'),
    getConventions: unanswered('getConventions'),
    fixConventions: unanswered('fixConventions'),
    listConventionCompliance: unanswered('listConventionCompliance'),
    getReleases: unanswered('getReleases'),
  } as unknown as jest.Mocked<PlatformApi>;
}
