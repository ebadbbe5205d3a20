// Starts Swagger UI on the API's own OpenAPI document (served from this origin, no CDN).
window.SwaggerUIBundle({
  url: "/api/openapi.json",
  dom_id: "#api-reference",
  deepLinking: true,
  tryItOutEnabled: true,
  withCredentials: true,
});
