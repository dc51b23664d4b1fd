// Starts Blazor on a live page (OpsCircuit.IsLive): its circuit is all it is for. Enhanced navigation stays off, so
// links and forms load whole pages as on every static page; the hub is found under the page's <base href="/ops/">.
import { afterWebStarted } from "/ops/_content/Microsoft.FluentUI.AspNetCore.Components/Microsoft.FluentUI.AspNetCore.Components.lib.module.js";

await Blazor.start({ ssr: { disableDomPreservation: true } });
// What blazor.web.js would run as Fluent's JS initializer (fluent-start.js ran the part before the start).
afterWebStarted(Blazor);
