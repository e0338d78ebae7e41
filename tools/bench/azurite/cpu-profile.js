// CPU profile of a running Node process (Azurite), to see what the emulator is busy with.
// Open its inspector first with `kill -USR1 PID` (it listens on 127.0.0.1:9229), then:
//   node --experimental-websocket tools/bench/azurite/cpu-profile.js [PORT=9229] [SECONDS=20] [OUT.cpuprofile]
// Prints the functions with the most self time and the heaviest call stacks; OUT opens in Chrome's DevTools.
const [port, seconds, out] = [process.argv[2] || "9229", Number(process.argv[3] || 20), process.argv[4]];

const name = n => `${n.callFrame.functionName || "(anonymous)"} ${n.callFrame.url.split("/").slice(-2).join("/")}:${n.callFrame.lineNumber + 1}`;

function report(profile) {
  const byId = new Map(profile.nodes.map(n => [n.id, n]));
  const parent = new Map();
  profile.nodes.forEach(n => (n.children || []).forEach(c => parent.set(c, n.id)));
  const total = profile.endTime - profile.startTime;
  const self = new Map();
  const perNode = new Map();
  profile.samples.forEach((s, i) => {
    const key = name(byId.get(s));
    self.set(key, (self.get(key) || 0) + (profile.timeDeltas[i] || 0));
    perNode.set(s, (perNode.get(s) || 0) + 1);
  });
  console.log(`profile of ${(total / 1e6).toFixed(1)} s, ${profile.samples.length} samples; self time:`);
  [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 15)
    .forEach(([key, us]) => console.log(`${(us / 1e6).toFixed(2).padStart(8)} s ${(100 * us / total).toFixed(1).padStart(5)} %  ${key}`));
  console.log("heaviest stacks:");
  [...perNode.entries()].sort((a, b) => b[1] - a[1]).slice(0, 3).forEach(([id, count]) => {
    const stack = [];
    for (let x = id; x !== undefined; x = parent.get(x)) stack.push(name(byId.get(x)));
    console.log(`${count} samples:\n    ${stack.slice(0, 16).join("\n    ")}`);
  });
}

(async () => {
  const targets = await (await fetch(`http://127.0.0.1:${port}/json/list`)).json();
  const socket = new WebSocket(targets[0].webSocketDebuggerUrl);
  let next = 0;
  const pending = new Map();
  const send = (method, params = {}) => new Promise(resolve => {
    pending.set(++next, resolve);
    socket.send(JSON.stringify({ id: next, method, params }));
  });
  socket.onmessage = event => {
    const message = JSON.parse(event.data);
    if (pending.has(message.id)) { pending.get(message.id)(message.result); pending.delete(message.id); }
  };
  await new Promise(resolve => { socket.onopen = resolve; });
  await send("Profiler.enable");
  await send("Profiler.setSamplingInterval", { interval: 1000 });
  await send("Profiler.start");
  await new Promise(resolve => setTimeout(resolve, seconds * 1000));
  const { profile } = await send("Profiler.stop");
  if (out) require("fs").writeFileSync(out, JSON.stringify(profile));
  report(profile);
  socket.close();
})();
