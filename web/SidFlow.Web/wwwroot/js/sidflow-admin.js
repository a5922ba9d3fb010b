// The admin console's browser side: charts (Chart.js from npm, served by the app) and the job log stream.
// EventSource cannot send an Authorization header, so the log is read with fetch and parsed as Server-Sent Events.
window.sidflowAdmin = (() => {
  const charts = new Map();
  const streams = new Map();

  function chart(canvasId, kind, labels, datasets) {
    const canvas = document.getElementById(canvasId);
    if (!canvas || !window.Chart) return;
    const existing = charts.get(canvasId);
    if (existing && existing.canvas === canvas) {
      existing.data.labels = labels;
      existing.data.datasets = datasets;
      existing.update('none');
      return;
    }
    if (existing) existing.destroy();
    charts.set(canvasId, new Chart(canvas, {
      type: kind,
      data: { labels, datasets },
      options: { animation: false, responsive: true, maintainAspectRatio: false, plugins: { legend: { display: datasets.length > 1 } } },
    }));
  }

  async function follow(key, url, token, receiver) {
    stop(key);
    const controller = new AbortController();
    streams.set(key, controller);
    try {
      const response = await fetch(url, { headers: { Authorization: `Bearer ${token}`, Accept: 'text/event-stream' }, signal: controller.signal });
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let cut;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          let event = 'message';
          const data = [];
          for (const line of block.split('\n')) {
            if (line.startsWith('event:')) event = line.slice(6).trim();
            else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
          }
          await receiver.invokeMethodAsync('OnLogEvent', event, data.join('\n'));
        }
      }
      await receiver.invokeMethodAsync('OnLogEvent', 'end', '');
    } catch (e) {
      if (e.name !== 'AbortError') await receiver.invokeMethodAsync('OnLogEvent', 'error', String(e));
    }
  }

  function stop(key) {
    const c = streams.get(key);
    if (c) { c.abort(); streams.delete(key); }
  }

  return { chart, follow, stop };
})();
