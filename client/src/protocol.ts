// The client side of Kijun's custom requests: the one protocol module the server uses too.
export * from '../../server/src/protocol/index.js';
