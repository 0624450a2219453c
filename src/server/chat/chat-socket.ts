import type { Namespace, Socket } from 'socket.io';
import type { ChatSocketData, ClientToServerEvents, ServerToClientEvents } from '../events.js';

/** The `/chat` namespace and its sockets, typed by the event maps: every emit is checked. */
export type ChatNsp = Namespace<ClientToServerEvents, ServerToClientEvents, object, ChatSocketData>;
export type ChatSocket = Socket<ClientToServerEvents, ServerToClientEvents, object, ChatSocketData>;
