/**
 * Scenarios: starting clusters as data. One import for the CLI (`sim --scenario/--nodes`) and
 * the simulator's bootstrap.
 */
export { BUILTIN_SCENARIO_DIR, ScenarioError, listBuiltinScenarios, loadScenario, parseScenario } from './loader.js';
export { BUILTIN_NAMESPACES, scenarioNamespaces, scenarioObjects, validateScenarioObjects } from './objects.js';
export { CONTROL_PLANE_TAINT, buildNode, buildNodes, expandNodes } from './nodes.js';
export { generatedScenario } from './generated.js';
export type { Scenario, ScenarioNode, ScenarioNodeEntry, ScenarioResources, ScenarioTaint } from './schema.js';
