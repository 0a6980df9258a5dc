import {
  Registerer,
  RegistererState,
  UserAgent,
  UserAgentState,
  type Emitter,
  type Invitation,
  type LogLevel,
  type UserAgentOptions,
} from 'sip.js';
import { RegistrationRejected, type LineStack } from './lineSupervisor';

/** What the agent's line needs to register. Comes from the settings screen (or env in web mode). */
export interface SipLineSettings {
  /** ws:// (tests) or wss:// (production) URL of the PBX's WebSocket. */
  server: string;
  /** The agent's SIP URI, e.g. "sip:1001@pbx.example". */
  uri: string;
  password: string;
  /** Defaults to the user part of `uri`. */
  authorizationUsername?: string;
  displayName?: string;
  /** REGISTER expiry asked for, s. Short, so a silently dead connection shows up soon. */
  registerExpires?: number;
  logLevel?: LogLevel;
}

/**
 * The sip.js side of the line: one UserAgent and one Registerer, reporting losses to the
 * supervisor instead of trying to recover on their own.
 */
export class SipJsStack implements LineStack {
  readonly userAgent: UserAgent;
  private registerer: Registerer | null = null;
  /** True once REGISTER succeeded on the current transport; a later Unregistered is a loss. */
  private registered = false;
  private stopping = false;

  onTransportLost: ((reason: string) => void) | null = null;
  onRegistrationLost: ((reason: string) => void) | null = null;
  onInvite: ((invitation: Invitation) => void) | null = null;

  constructor(private readonly settings: SipLineSettings) {
    const uri = UserAgent.makeURI(settings.uri);
    if (!uri) throw new Error(`URI SIP inválida: ${settings.uri}`);
    const options: UserAgentOptions = {
      uri,
      displayName: settings.displayName,
      authorizationUsername: settings.authorizationUsername ?? uri.user,
      authorizationPassword: settings.password,
      transportOptions: { server: settings.server, connectionTimeout: 5, traceSip: false },
      // Recovery is ours (LineSupervisor): sip.js's own reconnection (off by default) does not re-register.
      sessionDescriptionHandlerFactoryOptions: {
        // No STUN: the default server is unreachable here and stalls ICE gathering for seconds.
        peerConnectionConfiguration: { iceServers: [] },
        iceGatheringTimeout: 1000,
      },
      userAgentString: 'Companion',
      logLevel: settings.logLevel ?? 'warn',
      delegate: {
        onDisconnect: (error) => {
          this.registered = false;
          if (error && !this.stopping) this.onTransportLost?.(`Conexión perdida: ${error.message}`);
        },
        onInvite: (invitation) => this.onInvite?.(invitation),
      },
    };
    this.userAgent = new UserAgent(options);
  }

  isConnected(): boolean {
    return this.userAgent.isConnected();
  }

  async connect(): Promise<void> {
    this.stopping = false;
    if (this.userAgent.state !== UserAgentState.Started) {
      await this.userAgent.start();
    } else {
      await this.userAgent.reconnect();
    }
  }

  async register(): Promise<void> {
    const registerer = this.currentRegisterer();
    // A REGISTER sent just before the transport died stays pending until its transaction times
    // out; a new one cannot be sent before. The supervisor's timeout bounds this wait.
    if (pending(registerer).waiting) await waitUntilIdle(registerer);
    this.registered = false;
    await new Promise<void>((resolve, reject) => {
      registerer
        .register({
          requestDelegate: {
            onAccept: () => {
              if (registerer.state === RegistererState.Registered) {
                this.registered = true;
                resolve();
              } else {
                reject(new Error('La central aceptó el registro sin nuestro contacto.'));
              }
            },
            onReject: (response) =>
              reject(
                new RegistrationRejected(
                  response.message.statusCode ?? 500,
                  response.message.reasonPhrase ?? '',
                ),
              ),
            onRedirect: (response) =>
              reject(
                new RegistrationRejected(
                  response.message.statusCode ?? 500,
                  response.message.reasonPhrase ?? '',
                ),
              ),
          },
        })
        .catch(reject);
    });
  }

  async shutdown(): Promise<void> {
    this.stopping = true;
    this.registered = false;
    const registerer = this.registerer;
    this.registerer = null;
    try {
      if (registerer && registerer.state === RegistererState.Registered && this.userAgent.isConnected()) {
        await registerer.unregister();
      }
    } finally {
      await this.userAgent.stop();
    }
  }

  private currentRegisterer(): Registerer {
    if (this.registerer) return this.registerer;
    const registerer = new Registerer(this.userAgent, {
      expires: this.settings.registerExpires ?? 120,
      // Refresh at half-life: a failed refresh then still leaves time before the binding expires.
      refreshFrequency: 50,
    });
    registerer.stateChange.addListener((state) => {
      if (state === RegistererState.Unregistered && this.registered && !this.stopping) {
        this.registered = false;
        this.onRegistrationLost?.('El registro en la central se perdió.');
      }
    });
    this.registerer = registerer;
    return registerer;
  }
}

/** sip.js tracks an outstanding REGISTER publicly at run time but types it private. */
function pending(registerer: Registerer): { waiting: boolean; waitingChange: Emitter<boolean> } {
  return registerer as unknown as { waiting: boolean; waitingChange: Emitter<boolean> };
}

function waitUntilIdle(registerer: Registerer): Promise<void> {
  const { waitingChange } = pending(registerer);
  return new Promise((resolve) => {
    const listener = (waiting: boolean) => {
      if (!waiting) {
        waitingChange.removeListener(listener);
        resolve();
      }
    };
    waitingChange.addListener(listener);
  });
}
