// GET /custom_properties?entity_type=User|Task: the workspace's definitions, not paginated.
import { apiError, json } from '../responses.js';
import type { Handler } from '../context.js';

const ENTITY_TYPES = ['User', 'Task'];

export const customPropertyHandlers: Record<string, Handler> = {
  listCustomProperties: ({ workspace, query }) => {
    const entityType = query.get('entity_type');
    if (entityType === null) {
      return { response: apiError(422, 'entity_type', null, 'is required (User or Task)', 'required') };
    }
    if (!ENTITY_TYPES.includes(entityType)) {
      return {
        response: apiError(422, 'entity_type', entityType, 'is not included in the list (User, Task)', 'inclusion'),
      };
    }
    const data = workspace.customProperties
      .filter((property) => property.entity_type === entityType)
      .map(({ id, name, data_type }) => ({ id, name, data_type }));
    return { response: json(200, { data }) };
  },
};
