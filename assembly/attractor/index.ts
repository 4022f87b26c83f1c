// Attractor kernels: delay embedding, k-d tree neighbours, Rosenstein divergence,
// Grassberger-Procaccia pair counts, and the signal numerics that choose the
// embedding and test for determinism: spectrum (FFT, periodogram,
// autocorrelation), mutual information, surrogates, exact periods.
export { delayEmbed } from './embed';
export { kdTreeBytes, kdNearestOutsideWindow } from './kdtree';
export { rosensteinDivergence } from './divergence';
export { correlationHistogram, SUB_BITS as correlationSubBits } from './correlation';
export { addHannPeriodogram, autocorrelationByFFT, populationVariance } from './spectrum';
export { sortIndicesByKey } from './sort';
export { splitBins, mutualInformation } from './mutual-information';
export { amplitudeAdjustedSurrogate, surrogateSpectrum } from './surrogates';
export { exactPeriod } from './period-scan';
export { naturalLogs } from './logarithm';
