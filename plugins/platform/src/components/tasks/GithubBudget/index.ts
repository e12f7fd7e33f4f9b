export { GithubBudgetCard } from './GithubBudgetCard';
