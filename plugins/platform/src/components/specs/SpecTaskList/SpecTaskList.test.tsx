import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import { authTasks } from '../../../__fixtures__/specs';
import { SpecTaskList } from './SpecTaskList';

describe('SpecTaskList', () => {
  it('groups tasks under their phases in file order, with done counts', async () => {
    await renderInTestApp(<SpecTaskList tasks={[...authTasks].reverse()} />);

    const phases = screen.getAllByRole('region', { name: /^Phase/ });
    expect(phases.map(p => p.getAttribute('aria-label'))).toEqual([
      'Phase 1: Setup',
      'Phase 2: User Story 1 - Sign in (P1)',
      'Phase 3: Polish',
    ]);
    expect(within(phases[0]).getByText('2 / 2')).toBeInTheDocument();
    expect(within(phases[1]).getByText('1 / 2')).toBeInTheDocument();
    expect(within(phases[2]).getByText('0 / 1')).toBeInTheDocument();
    expect(within(phases[1]).getByText('T003')).toBeInTheDocument();
    expect(within(phases[1]).queryByText('T001')).not.toBeInTheDocument();
  });

  it('shows id, [P], stories, tags, state and description of a task', async () => {
    await renderInTestApp(<SpecTaskList tasks={authTasks} />);

    const t002 = screen.getByTestId('task-T002');
    expect(within(t002).getByText('T002')).toBeInTheDocument();
    expect(within(t002).getByText('[P]')).toBeInTheDocument();
    expect(within(t002).getByText('Spike')).toBeInTheDocument();
    expect(within(t002).getByRole('img', { name: 'done' })).toBeInTheDocument();
    expect(
      within(t002).getByText('Add the token table migration'),
    ).toBeInTheDocument();

    const t004 = screen.getByTestId('task-T004');
    expect(within(t004).getByText('US-1')).toBeInTheDocument();
    expect(within(t004).getByText('US-2')).toBeInTheDocument();
    expect(within(t004).queryByText('[P]')).not.toBeInTheDocument();
    expect(
      within(t004).getByRole('img', { name: 'in progress' }),
    ).toBeInTheDocument();

    const t005 = screen.getByTestId('task-T005');
    expect(within(t005).getByRole('img', { name: 'open' })).toBeInTheDocument();
  });

  it('links the pull request that completed a task', async () => {
    await renderInTestApp(<SpecTaskList tasks={authTasks} />);

    const t003 = screen.getByTestId('task-T003');
    const link = within(t003).getByRole('link', { name: '#42' });
    expect(link).toHaveAttribute(
      'href',
      'https://github.com/acme/payments-api/pull/42',
    );
    expect(link).toHaveAttribute(
      'title',
      'Completed by merged pull request #42',
    );
    expect(
      within(t003).getByText('returns 401 on a bad password'),
    ).toBeInTheDocument();
    expect(
      within(screen.getByTestId('task-T001')).queryByRole('link'),
    ).not.toBeInTheDocument();
  });

  it('counts a task a merged pull request completed as done', async () => {
    const byPr = {
      ...authTasks[4],
      state: 'open' as const,
      done: false,
      completedBy: 'pull-request' as const,
      linkedPrNumber: 51,
    };
    await renderInTestApp(<SpecTaskList tasks={[byPr]} />);

    const phase = screen.getByRole('region', { name: 'Phase 3: Polish' });
    expect(within(phase).getByText('1 / 1')).toBeInTheDocument();
    expect(
      within(phase).getByRole('img', { name: 'done' }),
    ).toBeInTheDocument();
    expect(within(phase).getByText('#51')).toHaveAttribute(
      'title',
      'Completed by merged pull request #51',
    );
  });

  it('shows a pull request number without a link when no URL is known', async () => {
    await renderInTestApp(
      <SpecTaskList
        tasks={[{ ...authTasks[2], linkedPrUrl: undefined, linkedPrNumber: 7 }]}
      />,
    );

    expect(screen.getByText('#7')).toBeInTheDocument();
    expect(screen.queryByRole('link')).not.toBeInTheDocument();
  });

  it('names tasks written above the first phase', async () => {
    await renderInTestApp(
      <SpecTaskList tasks={[{ ...authTasks[4], phase: undefined }]} />,
    );

    expect(
      screen.getByRole('region', { name: 'Tasks without a phase' }),
    ).toBeInTheDocument();
  });

  it('says so when the spec has no tasks', async () => {
    await renderInTestApp(<SpecTaskList tasks={[]} />);

    expect(screen.getByText(/no tasks yet/)).toBeInTheDocument();
  });
});
