export { TaskPullRequestLink, taskPullRequest } from './TaskPullRequestLink';
