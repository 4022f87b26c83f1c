// `midstream/node`: the Node-only part of the transport (built to dist/node.mjs
// and dist/node.cjs; node:* and ws stay external). It imports
// the library from the main entry, so one copy of the classes is shared.
export { connect, type NodeConnectOptions } from './transport/node/connect';
export { serve, type ServeOptions, type ServerStats, type MidstreamServer } from './transport/node/serve';
export { createFeedPipeline, toFeedEvent, runFeed, type FeedHeader, type FeedEvent } from './transport/node/feed';
export { DuplexWire } from './transport/node/duplex-wire';
