export { AgentToolsCard } from './AgentToolsCard';
