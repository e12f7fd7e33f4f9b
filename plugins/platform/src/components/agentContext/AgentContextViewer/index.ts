export { AgentContextViewer } from './AgentContextViewer';
