// Attractor kernels: delay embedding, k-d tree neighbours, Rosenstein divergence,
// Grassberger-Procaccia pair counts.
export { delayEmbed } from './embed';
export { kdBuild, kdNearestOutsideWindow } from './kdtree';
export { rosensteinDivergence } from './divergence';
export { correlationHistogram } from './correlation';
