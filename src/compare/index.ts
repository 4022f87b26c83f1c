export { dtw, dtwPath, type DtwOptions, type DtwPathResult, type DtwCost } from './dtw';
export { lcs, editDistance, type TokenSequence } from './sequence';
export { tokenize } from './sequence';
