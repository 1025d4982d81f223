class Startup {
    void Configure(IApplicationBuilder app, IWebHostEnvironment env) {
        // ruleid: S010
        app.UseDeveloperExceptionPage();
        if (env.IsDevelopment()) {
            // ok: S010
            app.UseDeveloperExceptionPage();
        }
    }
}
