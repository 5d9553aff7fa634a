// Entry of `kijun-language-server`: the transport (--stdio, --node-ipc, --socket) is read from
// the command line by vscode-languageserver.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server.js';

startServer(createConnection(ProposedFeatures.all));
