export { buildIngress, type IngressService } from './build-ingress.ts';
export { loadIngressConfig, ingressEnv, type IngressConfig } from './config.ts';
export { verifySignature, type SignatureCheck } from './signature.ts';
export { INGRESS_ERRORS, IngressError } from './errors.ts';
export { INGRESS_METRIC } from './metrics.ts';
