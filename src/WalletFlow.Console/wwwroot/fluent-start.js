// Starts Fluent UI Blazor's client module the way blazor.web.js starts a library's JS initializer. A static page loads
// no Blazor script (only a live one does, circuit-start.js), so this is the one job left for a script of its own:
// defining Fluent's web components and applying the theme the server put on <body data-theme>.
import { beforeWebStart } from "/ops/_content/Microsoft.FluentUI.AspNetCore.Components/Microsoft.FluentUI.AspNetCore.Components.lib.module.js";

beforeWebStart({});

// A text input's suggestions (its <datalist>) reach the inner <input> only from inside the shadow root. On a live page
// FluentTextInput copies them there through interop; a static page calls the same function of Fluent's module here.
const suggested = document.querySelectorAll("fluent-text-input[list]");
if (suggested.length > 0) {
    await customElements.whenDefined("fluent-text-input");
    for (const input of suggested) {
        window.Microsoft.FluentUI.Blazor.Components.TextInput.attachDataList(input, input.getAttribute("list"));
    }
}
