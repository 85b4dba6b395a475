// Mos's pi extension — written by Mos to $MOSAIC_HOME/fleet/agents/NAME/pi/mosaic.ts and loaded into
// that one agent with `pi -e` (never installed globally); rewritten at every start, do not edit.
//
// It makes pi a first-class Mos agent:
//  - reports its live state (idle, working, error), a heartbeat every MOSAIC_HEARTBEAT_INTERVAL
//    seconds and the model in use, through mosaic-agent-hook (the same heartbeat file contract as
//    `mosaic fleet heartbeat`; a JVM per event would be too slow). A hung pi stops beating: stale.
//  - gives the model the Mos tools as proper tools (arguments are argv words, never shell text):
//    mos_say (answer the conversation that addressed this agent) and fleet_status.
import type { ExtensionAPI } from "@mariozechner/pi-coding-agent";
import { Type } from "typebox";
import { execFile } from "node:child_process";

export default function (pi: ExtensionAPI) {
  const hook = process.env.MOSAIC_HOOK;
  const mosaic = process.env.MOSAIC_LAUNCHER || "mosaic";
  const agent = process.env.MOSAIC_AGENT_NAME || "";
  const interval = Math.max(1, Number(process.env.MOSAIC_HEARTBEAT_INTERVAL || "15")) * 1000;
  let model = "";
  let timer: ReturnType<typeof setInterval> | undefined;

  const modelOf = (ctx: any): string => (ctx && ctx.model ? `${ctx.model.provider}/${ctx.model.id}` : model);
  const report = (what: string) => {
    if (!hook) return;
    execFile(hook, ["pi", what, model], { timeout: 5000 }, () => {});
  };
  const run = (args: string[], signal?: AbortSignal): Promise<string> =>
    new Promise((resolve) => {
      execFile(mosaic, args, { timeout: 120000, signal }, (err, stdout, stderr) => {
        resolve(err ? `failed: ${String(stderr || err.message).trim()}` : String(stdout).trim() || "ok");
      });
    });

  pi.on("session_start", async (_event, ctx) => {
    model = modelOf(ctx);
    report("idle");
    if (!timer) {
      timer = setInterval(() => report("beat"), interval);
      timer.unref?.();
    }
  });
  pi.on("model_select", async (event: any) => {
    model = `${event.model.provider}/${event.model.id}`;
    report("beat");
  });
  pi.on("agent_start", async (_event, ctx) => {
    model = modelOf(ctx);
    report("working");
  });
  pi.on("agent_end", async (event: any) => {
    const last = (event.messages || []).filter((m: any) => m.role === "assistant").pop();
    report(last && last.stopReason === "error" ? "error" : "idle");
  });
  pi.on("session_shutdown", async () => {
    if (timer) clearInterval(timer);
  });

  pi.registerTool({
    name: "mos_say",
    label: "Mos: say",
    description:
      "Post a message into the chat conversation that last addressed this agent (through Mos). " +
      "Use it to answer the person who wrote to you; keep it short.",
    promptSnippet: "Answer the chat conversation through Mos",
    promptGuidelines: ["Use mos_say to answer a message that arrived from chat (lines starting with [platform ...])."],
    parameters: Type.Object({
      text: Type.String({ description: "What to say" }),
      to: Type.Optional(Type.String({ description: "Another conversation, e.g. discord:123 (default: the last one)" })),
    }),
    async execute(_id, params: any, signal) {
      const args = ["mos", "say"];
      if (params.to) args.push("--to", String(params.to));
      args.push("--", String(params.text));
      return { content: [{ type: "text", text: await run(args, signal) }], details: {} };
    },
  });

  pi.registerTool({
    name: "fleet_status",
    label: "Mos: fleet status",
    description: "Show this agent's fleet status (or the whole fleet's) as Mos sees it.",
    parameters: Type.Object({
      all: Type.Optional(Type.Boolean({ description: "The whole fleet instead of this agent only" })),
    }),
    async execute(_id, params: any, signal) {
      const args = params.all || !agent ? ["fleet", "ps"] : ["fleet", "agent", "status", agent];
      return { content: [{ type: "text", text: await run(args, signal) }], details: {} };
    },
  });
}
