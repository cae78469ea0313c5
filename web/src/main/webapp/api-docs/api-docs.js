// Swagger UI over the document the server generates from its JAX-RS resources.
window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({ url: '/api/v1/openapi', dom_id: '#swagger-ui', deepLinking: true });
});
