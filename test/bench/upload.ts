/** One upload to the service, as the intake benches send it. */
import http from 'node:http';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** One upload with node:http (a keep-alive agent): lighter on the client than fetch, so the figure is the server's. */
export function post(agent: http.Agent, base: string, token: string, bytes: Uint8Array): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}/api/submissions`, {
      method: 'POST', agent,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': XLSX, 'Content-Length': bytes.length },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(bytes);
  });
}
