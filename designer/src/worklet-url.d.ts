// Vite bundles `…?worker&url` imports as a separate script and gives its URL (AudioWorklet modules).
declare module '*?worker&url' {
  const url: string;
  export default url;
}
