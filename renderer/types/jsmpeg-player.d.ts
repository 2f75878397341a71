// Minimal typing of the parts of @cycjimmy/jsmpeg-player we use (the package ships none).
declare module '@cycjimmy/jsmpeg-player' {
  export interface JsmpegDestination {
    write(data: ArrayBuffer): void;
  }
  export interface JsmpegSource {
    streaming: boolean;
    established: boolean;
    completed: boolean;
    progress: number;
    connect(destination: JsmpegDestination): void;
    start(): void;
    resume(headroom: number): void;
    destroy(): void;
  }
  export interface JsmpegPlayerOptions {
    canvas?: HTMLCanvasElement;
    source?: new (url: string, options: JsmpegPlayerOptions) => JsmpegSource;
    audio?: boolean;
    video?: boolean;
    disableGl?: boolean;
    disableWebAssembly?: boolean;
    autoplay?: boolean;
    pauseWhenHidden?: boolean;
    videoBufferSize?: number;
    onVideoDecode?: (decoder: unknown, time: number) => void;
    [key: string]: unknown;
  }
  export class Player {
    constructor(url: string, options?: JsmpegPlayerOptions);
    currentTime: number;
    play(): void;
    pause(): void;
    destroy(): void;
  }
  const JSMpeg: { Player: typeof Player };
  export default JSMpeg;
}
