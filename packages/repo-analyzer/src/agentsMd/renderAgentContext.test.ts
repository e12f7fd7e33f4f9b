import { AgentContext } from './AgentContext';
import {
  DEFAULT_AGENTS_MD_MAX_LINES,
  renderAgentContext,
} from './renderAgentContext';

function context(): AgentContext {
  return {
    summary: 'app: does things.',
    commands: [
      { task: 'Test', command: 'make test' },
      { task: 'Lint', command: 'make lint' },
    ],
    moreCommands: Array.from({ length: 10 }, (_, i) => ({
      task: 'Other',
      command: `make extra-${i}`,
      description: `extra ${i}`,
    })),
    conventions: Array.from({ length: 8 }, (_, i) => ({
      topic: `Topic ${i}`,
      text: `rule ${i}.`,
    })),
    layout: Array.from({ length: 10 }, (_, i) => ({
      path: `dir-${i}/`,
      purpose: `folder ${i}`,
    })),
    packages: Array.from({ length: 10 }, (_, i) => ({
      path: `packages/p-${i}/`,
      purpose: `package ${i}`,
    })),
    morePackages: 0,
    specs: [],
  };
}

describe('renderAgentContext line budget', () => {
  it('keeps everything within the default budget', () => {
    const text = renderAgentContext(context());
    expect(text.split('\n').length).toBeLessThanOrEqual(
      DEFAULT_AGENTS_MD_MAX_LINES,
    );
    expect(text).toContain('`packages/p-9/`');
    expect(text).toContain('`make extra-9`');
  });

  it('drops packages, then layout, then more commands, then the last conventions, never the commands', () => {
    const full = renderAgentContext(context()).split('\n').length;
    const noPackages = renderAgentContext(context(), { maxLines: full - 10 });
    expect(noPackages.split('\n').length).toBeLessThanOrEqual(full - 10);
    expect(noPackages).not.toContain('packages/p-');
    expect(noPackages).toContain('And 10 more workspace packages.');
    expect(noPackages).toContain('`make extra-9`');

    const tight = renderAgentContext(context(), { maxLines: 20 });
    expect(tight.split('\n').length).toBeLessThanOrEqual(20);
    expect(tight).toContain('| Test | `make test` |');
    expect(tight).toContain('| Lint | `make lint` |');
    expect(tight).not.toContain('dir-0/');
    expect(tight).not.toContain('make extra-0');
    expect(tight).toContain('**Topic 0**');
    expect(tight).not.toContain('**Topic 7**');
  });

  it('renders the same text for the same context', () => {
    expect(renderAgentContext(context(), { maxLines: 40 })).toBe(
      renderAgentContext(context(), { maxLines: 40 }),
    );
  });
});
