// Card text helpers shared by the node definitions.

/** Cuts long prompts for the canvas card; the inspector shows the full text. */
export const short = (text: string | undefined, max = 90): string =>
  !text ? '' : text.length > max ? `${text.slice(0, max - 1)}…` : text;
