export { MemoryWorkflowStore } from './memory-store.ts';
export { agentOf, promptOf, scriptedProject, targetFileOf } from './scripted-project.ts';
export type { ScriptedProjectOptions } from './scripted-project.ts';
