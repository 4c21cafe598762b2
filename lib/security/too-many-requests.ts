// Pure: the answer to a request over its rate limit. A page a customer's admin can read, with
// Retry-After for clients, never cached, and nothing about which limit or whose link it was.

function minutes(seconds: number): string {
  const m = Math.ceil(seconds / 60);
  return m <= 1 ? "a minute" : `${m} minutes`;
}

export function tooManyRequestsResponse(retryAfterSeconds: number, nonce: string): Response {
  const wait = minutes(retryAfterSeconds);
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>Too many requests · Gatehouse</title>
<style nonce="${nonce}">body{font-family:system-ui,sans-serif;background:#f8fafc;color:#0f172a;margin:0}
main{max-width:40rem;margin:4rem auto;padding:0 1.5rem}div{background:#fff;border:1px solid #fcd34d;border-radius:.5rem;padding:1.5rem}
h1{font-size:1.5rem;margin:0 0 .5rem}p{color:#334155;line-height:1.5}</style></head>
<body><main><div role="alert"><h1>Too many requests</h1>
<p>This page was asked for too often in a short time, so Gatehouse is pausing it to protect your organization and your provider.</p>
<p>Please wait ${wait} and try again. The pause does not use up or withdraw your consent link.</p></div></main></body></html>`;
  return new Response(html, {
    status: 429,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Retry-After": String(retryAfterSeconds),
      "Cache-Control": "no-store",
    },
  });
}
