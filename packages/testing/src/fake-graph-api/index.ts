export {
  startFakeGraphApi,
  buildFakeGraphApi,
  type FakeGraphApi,
  type FakeGraphApiOptions,
} from './fake-graph-api.ts';
export type {
  GraphCall,
  GraphCallKind,
  GraphMediaSpec,
  ScriptedAnswer,
  ScriptedEndpoint,
  ScriptedResponse,
  ServedMedia,
} from './types.ts';
export {
  invalidTokenError,
  unknownObjectError,
  type MetaErrorBody,
} from './meta-errors.ts';
