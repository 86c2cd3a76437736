import { OkrBackend } from './backend';
import { Connection } from './connection';

/**
 * The backend a connection names: the embedded store (read-only) or a running API. Loaded on demand: the
 * embedded one pulls in Nest and the application's services (about a second), which help and usage errors
 * never need.
 */
export async function openBackend(connection: Connection): Promise<OkrBackend> {
  if (connection.kind === 'api') {
    const [{ ApiBackend }, { ApiClient }] = await Promise.all([import('./api-backend'), import('./api-client')]);
    return new ApiBackend(new ApiClient(connection.baseUrl, connection.token));
  }
  const { EmbeddedBackend } = await import('./embedded-backend');
  return EmbeddedBackend.open(connection.dataDir, connection.tenantId);
}
