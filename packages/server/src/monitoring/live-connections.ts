/** Connections being served right now: HTTP requests in progress and connected Socket.IO clients. */
export class LiveConnections {
  private httpRequests = 0;
  private countSockets: () => number = () => 0;

  requestStarted(): void {
    this.httpRequests++;
  }

  requestEnded(): void {
    this.httpRequests--;
  }

  /** Set once the Socket.IO server exists. */
  countSocketsWith(count: () => number): void {
    this.countSockets = count;
  }

  get http(): number {
    return this.httpRequests;
  }

  get sockets(): number {
    return this.countSockets();
  }
}
