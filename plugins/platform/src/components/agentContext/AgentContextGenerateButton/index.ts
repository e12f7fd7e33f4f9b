export { AgentContextGenerateButton } from './AgentContextGenerateButton';
