// Registers the Fluent UI components and points their design tokens at the theme the server rendered.
import {
    accentBaseColor,
    allComponents,
    baseLayerLuminance,
    provideFluentDesignSystem,
    StandardLuminance,
    SwatchRGB,
} from "./lib/fluentui/web-components.min.js";

const paper = document.documentElement.dataset.theme === "paper";
const accent = paper ? SwatchRGB.create(0x1f / 255, 0x6f / 255, 0x50 / 255) : SwatchRGB.create(0x3f / 255, 0xb6 / 255, 0x8b / 255);

baseLayerLuminance.withDefault(paper ? StandardLuminance.LightMode : StandardLuminance.DarkMode);
accentBaseColor.withDefault(accent);
provideFluentDesignSystem().register(allComponents);
